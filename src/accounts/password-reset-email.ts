import type { MailText } from '../follow-ups/digest/digest-email.js';
import type { Language } from '../users/user.entity.js';

export interface PasswordResetContext {
  name: string;
  /** The web app's page that sets the new password, the token in its query. */
  link: string;
  /** The service's address, for the REST way. */
  publicUrl: string;
  token: string;
}

/** The e-mail that carries a one-time password reset token, in the user's language. */
export function passwordResetEmail(context: PasswordResetContext, language: Language): MailText {
  const { name, link, publicUrl, token } = context;
  const rest = [
    `curl -X POST ${publicUrl}/auth/password-reset -H 'content-type: application/json' \\`,
    `  -d '{"token": "${token}", "password": "..."}'`,
  ].join('\n');
  if (language === 'en') {
    return {
      subject: 'Choose a new password',
      body:
        [
          `Hello ${name},`,
          'An administrator started a password reset for your account. To choose a new password (10 characters or more), open this link within an hour:',
          link,
          `From a REST client, send POST /auth/password-reset with {"token": "...", "password": "..."}:`,
          rest,
          'The link works once. If you did not expect this e-mail, tell your administrator; your current password still works until a new one is set.',
        ].join('\n\n') + '\n',
    };
  }
  return {
    subject: 'Choisissez un nouveau mot de passe',
    body:
      [
        `Bonjour ${name},`,
        "Une personne qui administre le service a lancé la réinitialisation du mot de passe de votre compte. Pour choisir un nouveau mot de passe (10 caractères ou plus), ouvrez ce lien d'ici une heure :",
        link,
        `Depuis un client REST, envoyez POST /auth/password-reset avec {"token": "...", "password": "..."} :`,
        rest,
        "Le lien ne sert qu'une fois. Si vous n'attendiez pas ce courriel, prévenez l'administration ; votre mot de passe actuel fonctionne jusqu'à ce qu'un nouveau soit choisi.",
      ].join('\n\n') + '\n',
  };
}
