// The desk's forms answer in place: a form marked data-in-place is sent in
// the background and the page's main part is replaced by the answer's, so a
// moderator working down the review queue keeps their place. Without
// scripts, or when this fails, the form is posted as a plain form.
"use strict";

document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-in-place")) {
    return;
  }
  event.preventDefault();
  const button = event.submitter;
  const body = new URLSearchParams(new FormData(form, button));
  form.setAttribute("aria-busy", "true");
  try {
    // The attribute, not form.action: a field named "action" (a verdict's)
    // would stand in for the property.
    const target = new URL(form.getAttribute("action") || "", document.baseURI);
    const response = await fetch(target, {
      method: "POST",
      body,
      credentials: "same-origin",
      redirect: "follow",
    });
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.querySelector("main");
    const here = document.querySelector("main");
    if (!fresh || !here) {
      throw new Error("no page came back");
    }
    here.replaceWith(fresh);
    document.title = page.title;
    const done = fresh.querySelector(".done");
    if (done) {
      done.setAttribute("tabindex", "-1");
      done.focus({ preventScroll: true });
    }
  } catch (_) {
    form.removeAttribute("data-in-place");
    form.requestSubmit(button);
  }
});
