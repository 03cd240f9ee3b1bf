const { SecurityError, SessionError } = require('@sessionkit/legacy');

function toResponse(error) {
  if (error instanceof SecurityError) return { code: 'security_error', message: error.message };
  if (error instanceof SessionError) return { code: 'session_error', message: error.message };
  return { code: 'internal_error', message: String(error) };
}

module.exports = { toResponse };
