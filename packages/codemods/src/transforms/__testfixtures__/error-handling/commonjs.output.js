const { SessionSecurityError, SessionError } = require('@sessionkit/core');

function toResponse(error) {
  if (error instanceof SessionSecurityError) return { code: 'security_error', message: error.message };
  if (error instanceof SessionError) return { code: 'session_error', message: error.message };
  return { code: 'internal_error', message: String(error) };
}

module.exports = { toResponse };
