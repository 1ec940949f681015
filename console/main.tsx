// The console's entry: check the session, start the router, render the app into the shell's #app.
import { render } from 'preact';
import { App } from './App';
import { current } from './router';
import { checkSession, session } from './session';
import { startRouter } from './router';

const TITLES: Array<[RegExp, string]> = [
  [/^\/accounts\//, 'Account'],
  [/^\/triggers/, 'Triggers'],
  [/^\/inbox/, 'Local inbox'],
  [/^\/rules/, 'Rules'],
  [/^\/destinations/, 'Destinations'],
  [/^\/tips/, 'Tips'],
  [/^\/articles/, 'Help articles'],
  [/^\/analytics/, 'Analytics'],
];

const root = document.getElementById('app')!;
root.textContent = '';
startRouter();
// The tab's title names the page, so a row of console tabs can be told apart.
current.subscribe((loc) => {
  const title = session.peek() === null ? 'Sign in' : (TITLES.find(([re]) => re.test(loc.path))?.[1] ?? 'At-risk accounts');
  document.title = `${title} · Forestall`;
});
render(<App />, root);
checkSession().catch(() => {
  // The edge is unreachable: show sign-in, whose submit will say so.
  session.value = null;
});
