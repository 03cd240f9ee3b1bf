import { SimpleSessionManager, Thread } from "@sessionkit/core"

export const manager = new SimpleSessionManager()
export const thread = new Thread({ id: "a", name: "technical", systemPrompt: "", modelBackend: "bedrock" })
;[manager].forEach((m) => m.getStats())
