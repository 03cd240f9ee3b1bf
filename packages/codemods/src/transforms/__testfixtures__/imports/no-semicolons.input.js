import { SessionManager } from "@sessionkit/legacy"
import { Thread } from "../models"

export const manager = new SessionManager()
export const thread = new Thread({ id: "a", name: "technical", systemPrompt: "", modelBackend: "bedrock" })
;[manager].forEach((m) => m.getStats())
