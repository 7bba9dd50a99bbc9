/*
 * dsr-flow in Camunda's webapps (plugin dsr-staff, see security/web/StaffWebappPlugin): Tasklist's
 * "Start process" is shown only to a user who may start a process from it. The query is the one the
 * start dialog itself makes (latest, active, startable in Tasklist, with the user's permission to
 * start it): the privacy team sees its registration and restriction-lifting forms, a department has
 * nothing to start and sees no button (plugin.css hides it until this script marks it).
 */
(function () {
  var base = document.querySelector('base');
  var engineApi = (base && base.getAttribute('engine-api')) || '';
  var engine = (window.location.pathname.match(/\/app\/tasklist\/([^/]+)/) || [null, 'default'])[1];
  var url = engineApi + 'engine/' + encodeURIComponent(engine)
      + '/process-definition/count?latest=true&active=true&startableInTasklist=true&startablePermissionCheck=true';

  function check(item) {
    item.setAttribute('data-dsr-checked', 'true');
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : { count: 0 }; })
      .then(function (body) {
        item.setAttribute('data-dsr-startable', body && body.count > 0 ? 'yes' : 'no');
      })
      .catch(function () {
        item.setAttribute('data-dsr-startable', 'no'); // nothing to start as far as we know: the button stays hidden
      });
  }

  function scan() {
    document.querySelectorAll('li.start-process-action:not([data-dsr-checked])').forEach(check);
  }

  if (window.location.pathname.indexOf('/app/tasklist/') >= 0) {
    new MutationObserver(scan).observe(document, { childList: true, subtree: true });
    scan();
  }
})();
