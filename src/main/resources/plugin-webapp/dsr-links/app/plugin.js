/*
 * dsr-flow, links in Camunda Tasklist's task forms (the dsr-links plugin, casefile/TasklistLinksPlugin):
 * a link in a form (e.g. "Open the request", "Open the compiled answer") opens in a new tab, so the
 * task and its form stay open in Tasklist. The plugin's style sheet keeps the links clickable before the
 * task is claimed, when Tasklist lays a click-catching overlay over the form.
 */
(function () {
  function openInNewTab() {
    var links = document.querySelectorAll('.fjs-container a[href]');
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      if (link.getAttribute('target') !== '_blank') {
        link.setAttribute('target', '_blank');
        link.setAttribute('rel', 'noopener noreferrer');
      }
      // form-js takes links out of the tab order when it disables them; a link stays a link.
      if (link.getAttribute('tabindex') === '-1') {
        link.removeAttribute('tabindex');
      }
    }
  }

  new MutationObserver(openInNewTab).observe(document.documentElement, { childList: true, subtree: true });
  openInNewTab();
})();
