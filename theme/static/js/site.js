// Marks the page as scripted before any control that needs JavaScript is shown
// (progressive enhancement: CSS hides those controls until `js-enabled` is set).
document.body.classList.add("js-enabled");
