// The console's shell: sign-in, the views as tabs of a nav (the URL's #fragment names the view), the notices.
import {api, forgetToken, setToken, token, whenUnauthorized} from './api.js';
import * as trace from './trace.js';
import * as live from './live.js';
import * as deadLetters from './dlq.js';
import * as rules from './rules.js';
import * as erasure from './erasure.js';

const VIEWS = {trace, live, dlq: deadLetters, rules, erasure};
const $ = id => document.getElementById(id);
let current = null;

function notice(message) {
  const box = $('notice');
  box.textContent = message ?? '';
  box.hidden = !message;
}

function signIn(message) {
  if (current) VIEWS[current].leave?.();
  current = null;
  for (const name of Object.keys(VIEWS)) $(`view-${name}`).hidden = true;
  $('views').hidden = true;
  $('forget-token').hidden = true;
  $('login').hidden = false;
  notice(message);
  $('token').value = '';
  $('token').focus();
}

/** The view the URL names (#live, or #trace/x:123 to open that interaction), or Trace. */
function route() {
  if (!token()) {
    signIn();
    return;
  }
  const [name, ...rest] = location.hash.replace(/^#/, '').split('/');
  const view = VIEWS[name] ? name : 'trace';
  $('login').hidden = true;
  $('views').hidden = false;
  $('forget-token').hidden = false;
  if (current && current !== view) VIEWS[current].leave?.();
  for (const other of Object.keys(VIEWS)) {
    $(`view-${other}`).hidden = other !== view;
    const tab = $(`tab-${other}`);
    if (other === view) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  const entering = current !== view;
  current = view;
  document.title = `${$(`tab-${view}`).textContent} · Socialwire console`;
  VIEWS[view].enter?.(decodeURIComponent(rest.join('/')), entering);
}

$('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  const value = $('token').value.trim();
  if (!value) return;
  setToken(value);
  notice(null);
  try {
    // a cheap call that needs the token: a wrong one is said here, not on the first view
    await api('/routing');
  } catch (e) {
    if (e.status === 401) return;
    notice(e.message);
  }
  route();
  $('main').focus();
});

$('forget-token').addEventListener('click', () => {
  forgetToken();
  signIn('The token is forgotten in this tab.');
});

whenUnauthorized(() => {
  forgetToken();
  signIn('The hub refused the API token (401). Type it again; it may have been changed.');
});

for (const [name, view] of Object.entries(VIEWS)) view.init?.($(`view-${name}`));
window.addEventListener('hashchange', route);
route();
