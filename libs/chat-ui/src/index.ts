// What the agent console and the end-user widget share: the sign-in page and
// its flow (ConsoleSignIn over @switchboard/client's ConsoleSession) and the
// theme (src/theme/_chat-theme.scss, included by each app's styles.scss).
// What all three apps share, the admin console too: the one yes/no dialog
// (ConfirmDialog) and the button and form-field conventions
// (src/theme/_controls.scss).
export { LoginPage } from './login/login-page';
export { ConfirmDialog, type ConfirmData } from './confirm/confirm-dialog';
export { ConsoleSignIn, SIGN_IN_EXPIRED } from './session/console-sign-in';
// How every console shows the text of a message or side note: links, bold,
// code and lists, built as elements, never as HTML from the user's text.
export { MessageText } from './message-text/message-text';
export { formatMessage, type Block, type Inline, type Line } from './message-text/message-format';
// Files and screenshots of a chat: the preview or download line, the link provider each console
// gives it, and what a paste or drop carries.
export { AttachmentView, ATTACHMENT_LINKS, type AttachmentLinkFn } from './attachment/attachment-view';
export { filesOf, nameForUpload } from './attachment/file-drop';
