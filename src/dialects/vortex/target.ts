import { z } from "zod";
import { normalizePhoneNumber } from "../../core/phone";

/** The stored form of a target value: e-mail addresses lower-cased, phone numbers in E.164. */
export function normalizeTarget(type: string, value: string): string | null {
  if (type === "email" || type === "username") {
    const email = value.trim().toLowerCase();
    return z.email().safeParse(email).success ? email : null;
  }
  if (type === "phone" || type === "phoneNumber" || type === "sms") return normalizePhoneNumber(value);
  return value.trim();
}
