// What the agent console and the end-user widget share: the sign-in page and
// its flow (ConsoleSignIn over @switchboard/client's ConsoleSession), a yes/no
// dialog, and the theme (src/theme/_chat-theme.scss, included by each app's
// styles.scss).
export { LoginPage } from './login/login-page';
export { ConfirmDialog, type ConfirmData } from './confirm/confirm-dialog';
export { ConsoleSignIn, SIGN_IN_EXPIRED, type ConsoleSignInHost } from './session/console-sign-in';
