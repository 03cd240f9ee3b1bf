import { SessionManager } from "@sessionkit/legacy-adapter"
import { ModelBackend } from "@sessionkit/legacy-adapter"

export const manager = new SessionManager()
export const backend = ModelBackend.BEDROCK
