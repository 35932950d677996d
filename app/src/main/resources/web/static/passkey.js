// Passkeys (WebAuthn) for the sign-in and enrolment pages. Standard flow, no library:
//   sign-in:   POST data-options → {requestId, publicKey} → navigator.credentials.get → POST data-finish
//              {requestId, credential} → {redirect}
//   enrolment: POST data-options → {publicKey} → navigator.credentials.create → POST data-finish {credential}
//              → {redirect}
// Binary fields travel as base64url, as the server's WebAuthn library writes and reads them. The CSRF token
// comes from the button's data-csrf and goes in the X-CSRF-Token header.
(function () {
  'use strict';

  function toBuffer(base64url) {
    var b64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    while (b64.length % 4) { b64 += '='; }
    var bin = atob(b64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
    return out.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var bin = '';
    for (var i = 0; i < bytes.length; i++) { bin += String.fromCharCode(bytes[i]); }
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function post(url, csrf, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body || {})
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (json) {
        if (!r.ok) { throw new Error(json.error || ('The server answered ' + r.status + '.')); }
        return json;
      });
    });
  }

  function creationOptions(pk) {
    pk.challenge = toBuffer(pk.challenge);
    pk.user.id = toBuffer(pk.user.id);
    (pk.excludeCredentials || []).forEach(function (c) { c.id = toBuffer(c.id); });
    return pk;
  }

  function requestOptions(pk) {
    pk.challenge = toBuffer(pk.challenge);
    (pk.allowCredentials || []).forEach(function (c) { c.id = toBuffer(c.id); });
    return pk;
  }

  function registrationJson(cred) {
    return {
      type: cred.type,
      id: cred.id,
      rawId: toBase64url(cred.rawId),
      response: {
        attestationObject: toBase64url(cred.response.attestationObject),
        clientDataJSON: toBase64url(cred.response.clientDataJSON),
        transports: cred.response.getTransports ? cred.response.getTransports() : []
      },
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {}
    };
  }

  function assertionJson(cred) {
    var response = {
      authenticatorData: toBase64url(cred.response.authenticatorData),
      clientDataJSON: toBase64url(cred.response.clientDataJSON),
      signature: toBase64url(cred.response.signature)
    };
    if (cred.response.userHandle) { response.userHandle = toBase64url(cred.response.userHandle); }
    return {
      type: cred.type,
      id: cred.id,
      rawId: toBase64url(cred.rawId),
      response: response,
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {}
    };
  }

  function status(button, text) {
    var el = button.parentNode.querySelector('[data-passkey-status]');
    if (el) { el.textContent = text; }
  }

  function unsupported(button) {
    if (!window.PublicKeyCredential || !navigator.credentials) {
      status(button, 'This browser does not support passkeys.');
      return true;
    }
    return false;
  }

  function signIn(button) {
    if (unsupported(button)) { return; }
    var csrf = button.getAttribute('data-csrf');
    var next = button.getAttribute('data-next') || '';
    var options = button.getAttribute('data-options') + (next ? '?next=' + encodeURIComponent(next) : '');
    button.disabled = true;
    status(button, 'Waiting for your passkey…');
    post(options, csrf).then(function (o) {
      return navigator.credentials.get({ publicKey: requestOptions(o.publicKey) }).then(function (cred) {
        return post(button.getAttribute('data-finish'), csrf, { requestId: o.requestId, credential: assertionJson(cred) });
      });
    }).then(function (done) {
      window.location.assign(done.redirect || '/');
    }).catch(function (e) {
      button.disabled = false;
      status(button, e && e.message ? e.message : 'The passkey sign-in did not complete.');
    });
  }

  function register(button) {
    if (unsupported(button)) { return; }
    var csrf = button.getAttribute('data-csrf');
    button.disabled = true;
    status(button, 'Follow your browser\u2019s prompts…');
    post(button.getAttribute('data-options'), csrf).then(function (o) {
      return navigator.credentials.create({ publicKey: creationOptions(o.publicKey) }).then(function (cred) {
        return post(button.getAttribute('data-finish'), csrf, { credential: registrationJson(cred) });
      });
    }).then(function (done) {
      window.location.assign(done.redirect || '/signin');
    }).catch(function (e) {
      button.disabled = false;
      status(button, e && e.message ? e.message : 'The passkey was not registered.');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-passkey-signin]').forEach(function (b) {
      b.addEventListener('click', function () { signIn(b); });
    });
    document.querySelectorAll('[data-passkey-register]').forEach(function (b) {
      b.addEventListener('click', function () { register(b); });
    });
  });
}());
