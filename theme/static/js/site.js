// Marks the page as scripted: see theme/templates/base.html.
document.body.classList.add("js-enabled");
