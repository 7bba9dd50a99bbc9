/*
 * dsr-flow, single sign-on in Camunda's webapps (served by security/sso/WebappSignInFilter as the script of
 * the dsr-sso plugin):
 * - "Log out" opens the application's /logout, which ends the session here and at the provider (a page
 *   load, not a form: the webapps' content security policy allows forms to post to this origin only,
 *   and the log-out continues at the provider);
 * - when the webapp turns to its log-in form (its session has ended), the page is loaded again, so the
 *   server sends the browser to the provider to sign in, and back here.
 */
(function () {
  var LOGOUT_URL = '@LOGOUT_URL@';

  function pointLogOutHere() {
    var item = document.querySelector('li.account li.logout');
    var link = item && item.getElementsByTagName('a')[0];
    if (!link || link.getAttribute('data-dsr-sso') === 'logout') {
      return;
    }
    var replacement = link.cloneNode(true); // a copy carries none of the webapp's own click handlers
    replacement.setAttribute('href', LOGOUT_URL);
    replacement.setAttribute('data-dsr-sso', 'logout');
    item.replaceChild(replacement, link);
  }

  function signInAgain() {
    if (window.location.hash.indexOf('#/login') !== 0) {
      return;
    }
    // At most once in ten seconds: if the server lets the page load and the webapp still asks for a
    // log-in, its form stays rather than the page loading again and again.
    var last = Number(window.sessionStorage.getItem('dsr-sso-reload') || 0);
    if (Date.now() - last < 10000) {
      return;
    }
    window.sessionStorage.setItem('dsr-sso-reload', String(Date.now()));
    window.location.replace(window.location.pathname + window.location.search);
  }

  new MutationObserver(pointLogOutHere).observe(document, { childList: true, subtree: true });
  window.addEventListener('hashchange', signInAgain);
  signInAgain();
})();
