// The app form of the admin console proposes a post-logout redirect URI as the admin types the redirect URIs:
// the origin of the first one (what the IdP registers anyway when the field is left empty on a new app). The
// proposal follows the redirect URIs until the admin edits the field.
document.addEventListener('DOMContentLoaded', function () {
  var redirects = document.getElementById('redirectUris');
  var postLogout = document.getElementById('postLogoutRedirectUris');
  if (!redirects || !postLogout) {
    return;
  }
  var proposed = postLogout.value === '' ? '' : null;
  function origin(line) {
    try {
      var url = new URL(line.trim());
      return (url.protocol === 'https:' || url.protocol === 'http:') ? url.origin + '/' : '';
    } catch (e) {
      return '';
    }
  }
  redirects.addEventListener('input', function () {
    if (proposed === null || postLogout.value !== proposed) {
      proposed = null; // the admin wrote their own
      return;
    }
    proposed = origin(redirects.value.split('\n')[0] || '');
    postLogout.value = proposed;
  });
});
