import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { Role } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import type { AccessTokenResponse } from './dto/access-token.response.js';

interface TokenClaims {
  sub: number;
  /** The user's token version when it was issued. */
  tv: number;
  /** This token's own id, which signing out records. */
  jti: string;
  exp: number;
}

/** The token a request carries, once checked: who it is, and what signing out needs. */
export interface CheckedToken {
  user: AuthenticatedUser;
  jti: string;
  expiresAt: Date;
}

export type TokenCheck = { ok: true; token: CheckedToken } | { ok: false; reason: string };

/** Issues access tokens and checks them against the database, where signing out and revocation live. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(user: { id: number; role: Role }, tokenVersion: number): Promise<AccessTokenResponse> {
    const jti = randomBytes(18).toString('base64url');
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role, tv: tokenVersion, jti });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtExpiresIn };
  }

  /** One indexed read per request: the user, their token version and whether this token was signed out. */
  async check(token: string): Promise<TokenCheck> {
    let claims: TokenClaims;
    try {
      // Checked at once: an HMAC needs no waiting, and the asynchronous form only adds promises.
      claims = this.jwt.verify<TokenClaims>(token);
    } catch {
      return { ok: false, reason: 'The access token is invalid or has expired: sign in again' };
    }
    // Tokens issued before revocation existed carry no id; they cannot be signed out, so they are refused.
    if (typeof claims.jti !== 'string' || !Number.isSafeInteger(claims.tv)) {
      return { ok: false, reason: 'The access token is invalid or has expired: sign in again' };
    }
    const found = await this.users.findForToken(Number(claims.sub), claims.jti);
    if (!found) return { ok: false, reason: 'This account no longer exists or has been deactivated' };
    if (found.signedOut) return { ok: false, reason: 'This access token was signed out: sign in again' };
    if (claims.tv !== found.tokenVersion) {
      return { ok: false, reason: 'The password of this account changed since this token was issued: sign in again' };
    }
    return { ok: true, token: { user: found.user, jti: claims.jti, expiresAt: new Date(claims.exp * 1000) } };
  }
}
