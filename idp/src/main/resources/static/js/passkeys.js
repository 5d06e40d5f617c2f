// Passkeys (WebAuthn) on the IdP's pages: sign in with one, use one as a second factor, add one. Loaded from the
// IdP itself, so the Content-Security-Policy (scripts from our own origin, nothing inline) allows it.
//
// Each use is an element with data-passkey="sign-in" (a button: sign in, or prove a second factor, with the
// passkey the browser offers) or data-passkey="register" (a form with a name field). The element, or the
// closest [data-passkey-root] around it, carries what the script needs: the CSRF header name and token
// (data-csrf-header, data-csrf-token), the endpoints' URLs, and the sentences to show. The endpoints are
// Spring Security's: POST /webauthn/authenticate/options, /login/webauthn, /webauthn/register/options,
// /webauthn/register (JSON, the CSRF token in a header).
(function () {
  'use strict';

  // Each passkey fragment loads this script; a page with two of them must not handle every click twice.
  if (window.portcullisPasskeys) {
    return;
  }
  window.portcullisPasskeys = true;

  function toBase64Url(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = '';
    for (var i = 0; i < bytes.length; i++) {
      text += String.fromCharCode(bytes[i]);
    }
    return window.btoa(text).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  }

  function fromBase64Url(value) {
    var text = window.atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) {
      bytes[i] = text.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function post(root, url, body) {
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    headers[root.dataset.csrfHeader] = root.dataset.csrfToken;
    return fetch(url, {
      method: 'POST',
      headers: headers,
      credentials: 'same-origin',
      body: body ? JSON.stringify(body) : undefined
    });
  }

  function show(root, text, kind) {
    var message = root.querySelector('[data-passkey-message]');
    if (!message) {
      return;
    }
    message.textContent = text;
    message.className = kind === 'error' ? 'error' : 'notice';
    message.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    message.hidden = false;
  }

  // The server's own sentence when it sent one ({"error": "..."}), else ours.
  function problem(response, fallback) {
    return response.json().then(function (body) {
      return (body && body.error) ? body.error : fallback;
    }, function () {
      return fallback;
    });
  }

  function signIn(root) {
    if (!window.PublicKeyCredential) {
      show(root, root.dataset.unsupported, 'error');
      return Promise.resolve();
    }
    return post(root, root.dataset.optionsUrl).then(function (response) {
      if (!response.ok) {
        throw new Error('options: HTTP ' + response.status);
      }
      return response.json();
    }).then(function (options) {
      options.challenge = fromBase64Url(options.challenge);
      options.allowCredentials = (options.allowCredentials || []).map(function (credential) {
        return Object.assign({}, credential, { id: fromBase64Url(credential.id) });
      });
      return navigator.credentials.get({ publicKey: options });
    }).then(function (credential) {
      var response = credential.response;
      return post(root, root.dataset.loginUrl, {
        id: credential.id,
        rawId: toBase64Url(credential.rawId),
        response: {
          authenticatorData: toBase64Url(response.authenticatorData),
          clientDataJSON: toBase64Url(response.clientDataJSON),
          signature: toBase64Url(response.signature),
          userHandle: response.userHandle ? toBase64Url(response.userHandle) : undefined
        },
        credType: credential.type,
        clientExtensionResults: credential.getClientExtensionResults(),
        authenticatorAttachment: credential.authenticatorAttachment
      });
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('sign-in: HTTP ' + response.status);
      }
      return response.json();
    }).then(function (answer) {
      window.location.href = answer.redirectUrl;
    }).catch(function (error) {
      // Cancelled by the person, no passkey for this site, or refused by the IdP: one sentence for all.
      console.warn(error);
      show(root, root.dataset.failed, 'error');
    });
  }

  function register(root, form) {
    var name = form.querySelector('[name="passkeyName"]').value.trim();
    if (!name) {
      show(root, root.dataset.nameMissing, 'error');
      return Promise.resolve();
    }
    if (!window.PublicKeyCredential) {
      show(root, root.dataset.unsupported, 'error');
      return Promise.resolve();
    }
    return post(root, root.dataset.registerOptionsUrl).then(function (response) {
      if (!response.ok) {
        return problem(response, root.dataset.failed).then(function (text) {
          throw new Error(text);
        });
      }
      return response.json();
    }).then(function (options) {
      options.challenge = fromBase64Url(options.challenge);
      options.user = Object.assign({}, options.user, { id: fromBase64Url(options.user.id) });
      options.excludeCredentials = (options.excludeCredentials || []).map(function (credential) {
        return Object.assign({}, credential, { id: fromBase64Url(credential.id) });
      });
      return navigator.credentials.create({ publicKey: options }).catch(function (error) {
        // InvalidStateError: this device already holds one of this person's passkeys (excludeCredentials).
        throw new Error(error && error.name === 'InvalidStateError' && root.dataset.duplicate
          ? root.dataset.duplicate : root.dataset.failed);
      });
    }).then(function (credential) {
      var response = credential.response;
      return post(root, root.dataset.registerUrl, {
        publicKey: {
          credential: {
            id: credential.id,
            rawId: toBase64Url(credential.rawId),
            response: {
              attestationObject: toBase64Url(response.attestationObject),
              clientDataJSON: toBase64Url(response.clientDataJSON),
              transports: response.getTransports ? response.getTransports() : []
            },
            type: credential.type,
            clientExtensionResults: credential.getClientExtensionResults(),
            authenticatorAttachment: credential.authenticatorAttachment
          },
          label: name
        }
      });
    }).then(function (response) {
      if (!response.ok) {
        return problem(response, root.dataset.failed).then(function (text) {
          throw new Error(text);
        });
      }
      window.location.href = root.dataset.doneUrl;
    }).catch(function (error) {
      show(root, error.message || root.dataset.failed, 'error');
    });
  }

  function rootOf(element) {
    return element.closest('[data-passkey-root]') || element;
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-passkey="sign-in"]');
    if (button) {
      event.preventDefault();
      button.disabled = true;
      signIn(rootOf(button)).then(function () {
        button.disabled = false;
      });
    }
  });

  document.addEventListener('submit', function (event) {
    var form = event.target.closest('form[data-passkey="register"]');
    if (form) {
      event.preventDefault();
      var button = form.querySelector('button[type="submit"]');
      if (button) {
        button.disabled = true;
      }
      register(rootOf(form), form).then(function () {
        if (button) {
          button.disabled = false;
        }
      });
    }
  });
}());
