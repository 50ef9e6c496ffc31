// Loaded with `node --import` before the app: the keychain module cannot be found, as on a machine where
// `npm install` could not build the optional keytar (no libsecret headers). Both loaders are covered: ESM
// `import('keytar')` through a resolve hook, CommonJS `require('keytar')` through the resolver.
import Module, { register } from 'node:module'

const notFound = `const error = new Error("Cannot find package 'keytar'"); error.code = 'ERR_MODULE_NOT_FOUND'; throw error`
register(
  'data:text/javascript,' +
    encodeURIComponent(`export async function resolve(specifier, context, next) {
      if (specifier === 'keytar') { ${notFound} }
      return next(specifier, context)
    }`)
)

const resolveFilename = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  if (request === 'keytar') {
    const error = new Error("Cannot find module 'keytar'")
    error.code = 'MODULE_NOT_FOUND'
    throw error
  }
  return resolveFilename.call(this, request, ...rest)
}
