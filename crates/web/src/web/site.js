// The desk's forms answer in place: a form marked data-in-place is sent in
// the background and the page's main part is replaced by the answer's, so a
// moderator working down the review queue keeps their place. Without
// scripts the form is posted as a plain form.
"use strict";

document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-in-place")) {
    return;
  }
  event.preventDefault();
  // One sending at a time: a second click while the first is on its way
  // would run the command twice.
  if (form.getAttribute("aria-busy") === "true") {
    return;
  }
  const button = event.submitter;
  const body = new URLSearchParams(new FormData(form, button));
  // The attribute, not form.action: a field named "action" (a verdict's)
  // would stand in for the property.
  const target = new URL(form.getAttribute("action") || "", document.baseURI);
  form.setAttribute("aria-busy", "true");
  let response;
  try {
    response = await fetch(target, {
      method: "POST",
      body,
      credentials: "same-origin",
    });
  } catch (_) {
    // Never sent (the network failed): sent as a plain form instead.
    form.removeAttribute("aria-busy");
    form.removeAttribute("data-in-place");
    form.requestSubmit(button);
    return;
  }
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.querySelector("main");
  const here = document.querySelector("main");
  if (!fresh || !here) {
    // Sent, but what came back is not a page of ours (a proxy's error):
    // the desk is shown as it now is, and nothing is sent again.
    window.location.assign(target.href);
    return;
  }
  here.replaceWith(fresh);
  document.title = page.title;
  const done = fresh.querySelector(".done");
  if (done) {
    done.setAttribute("tabindex", "-1");
    done.focus({ preventScroll: true });
  }
});
