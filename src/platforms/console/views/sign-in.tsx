import { Hidden, Page } from './layout.js';

/** The sign-in form (CONSOLE_TOKEN); answered with 401 until the right token is given. */
export function SignInPage({ csrf, next, wrong }: { csrf: string; next: string; wrong: boolean }) {
  return (
    <Page title="Sign in" chrome={null}>
      <section class="card signin">
        <h1>Renewal Desk console</h1>
        <p class="muted">Enter the console token (<code>CONSOLE_TOKEN</code>) to continue.</p>
        {wrong && <p class="problem">That token is not right.</p>}
        <form method="post" action="/console/sign-in">
          <Hidden csrf={csrf} />
          <input type="hidden" name="next" value={next} />
          <input type="password" name="token" autocomplete="current-password" required autofocus aria-label="Console token" />
          <button type="submit" class="primary">Sign in</button>
        </form>
      </section>
    </Page>
  );
}

/** A page for a problem (not found, a console not set up): said plainly, nothing else revealed. */
export function ProblemPage({ title, text }: { title: string; text: string }) {
  return (
    <Page title={title} chrome={null}>
      <section class="card signin">
        <h1>{title}</h1>
        <p>{text}</p>
        <p><a href="/">Back to the console</a></p>
      </section>
    </Page>
  );
}
