/*
 * LD_PRELOAD shim for OpenSMTPD 6.8.0p2 (Debian 12's opensmtpd package) on OpenSSL 3, used only by
 * smtp-doctor's integration tests (dev.smtpdoctor.testing.opensmtpd.OpenSmtpdServer).
 *
 * Why: OpenSMTPD keeps private keys in its "ca" process. The network-facing process loads only the
 * public key, tags the RSA / EC_KEY inside it with ex_data naming the key, and installs an engine
 * whose sign functions ask the ca process to sign. In OpenSSL 3, EVP_PKEY_get1_RSA() and
 * EVP_PKEY_get1_EC_KEY() return a cached *copy* of a provider-held key, so the ex_data OpenSMTPD sets
 * never reaches the key the handshake signs with: the engine finds no tag, falls back to the built-in
 * method without a private key, and every TLS handshake fails with "missing private key" / alert 80
 * internal_error. Upstream: OpenSMTPD issues #1171 ("Incompatible with OpenSSL 3.0") and #1239
 * (the same on Debian 12), fixed by PR #1208 ("libtls: unbreak with OpenSSL 3.x") in 7.x, which
 * sets the changed key back into the EVP_PKEY explicitly (EVP_PKEY_set1_EC_KEY / _RSA).
 *
 * What: the same, at the one place the key is handed to OpenSSL. SSL_CTX_use_PrivateKey() is
 * wrapped; before calling the real one it takes the (tagged) legacy key out of the EVP_PKEY and
 * re-installs it with EVP_PKEY_set1_*, which makes the EVP_PKEY a legacy key whose methods and
 * ex_data are the tagged ones. Keys of other types pass through untouched.
 *
 * Build: cc -shared -fPIC -o opensmtpd-key-shim.so opensmtpd-key-shim.c -ldl -lcrypto
 * (the tests build it at start when it is missing or older than this file).
 */
#define _GNU_SOURCE
#define OPENSSL_SUPPRESS_DEPRECATED
#include <dlfcn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/ssl.h>

int SSL_CTX_use_PrivateKey(SSL_CTX *ctx, EVP_PKEY *pkey)
{
	static int (*real)(SSL_CTX *, EVP_PKEY *);
	if (real == NULL) {
		real = (int (*)(SSL_CTX *, EVP_PKEY *))dlsym(RTLD_NEXT, "SSL_CTX_use_PrivateKey");
		if (real == NULL) {
			return 0;
		}
	}
	if (pkey != NULL) {
		switch (EVP_PKEY_get_base_id(pkey)) {
		case EVP_PKEY_RSA: {
			RSA *rsa = EVP_PKEY_get1_RSA(pkey);
			if (rsa != NULL) {
				EVP_PKEY_set1_RSA(pkey, rsa);
				RSA_free(rsa);
			}
			break;
		}
		case EVP_PKEY_EC: {
			EC_KEY *ec = EVP_PKEY_get1_EC_KEY(pkey);
			if (ec != NULL) {
				EVP_PKEY_set1_EC_KEY(pkey, ec);
				EC_KEY_free(ec);
			}
			break;
		}
		default:
			break;
		}
	}
	return real(ctx, pkey);
}
