// What the agent console and the end-user widget share on screen: sign-in, a
// yes/no dialog, and the theme (src/theme/_chat-theme.scss, included by each
// app's styles.scss).
export { LoginPage } from './login/login-page';
export { ConfirmDialog, type ConfirmData } from './confirm/confirm-dialog';
