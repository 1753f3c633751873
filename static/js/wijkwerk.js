// htmx swaps only 2xx answers: on an error page (503 while the database is away) it leaves the
// form as the user filled it, but shows nothing. Put the error page's message beside the form,
// so the user knows it was not saved and can send the same form again in a minute.
document.addEventListener("htmx:responseError", function (event) {
  var pagina = new DOMParser().parseFromString(event.detail.xhr.responseText, "text/html");
  var melding = pagina.querySelector(".ww-storing");
  if (!melding) {
    return;
  }
  var plek = event.detail.elt.closest("form") || event.detail.elt;
  var vorige = plek.previousElementSibling;
  if (vorige && vorige.classList.contains("ww-storing")) {
    vorige.remove();
  }
  plek.before(document.importNode(melding, true));
});
