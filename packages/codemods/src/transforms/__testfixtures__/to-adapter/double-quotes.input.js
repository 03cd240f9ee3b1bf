import { SessionManager } from "../session_manager"
import { ModelBackend } from "../models"

export const manager = new SessionManager()
export const backend = ModelBackend.BEDROCK
