// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import akenza.edge.api.auth.AuthResult;
import akenza.edge.credentials.internal.auth.AuthCounters;
import akenza.edge.credentials.internal.auth.CredentialsEngine;
import akenza.edge.credentials.internal.keys.KeyRegistry;
import akenza.edge.credentials.internal.testing.Requests;
import akenza.edge.credentials.internal.testing.Tokens;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureAlgorithm;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's device flow, unchanged: keys made with akenza's exact openssl commands, tokens made the way
 * akenza's Java example (jjwt: iat, exp, aud, sub), an independent signer (openssl dgst, as C/C++ firmware
 * does) and akenza's Python example (PyJWT) make them.
 */
class OpensslCompatibilityTest {

    @TempDir
    static Path work;

    private static Path keys;
    private static CredentialsEngine engine;

    @BeforeAll
    static void makeKeysWithAkenzasCommands() throws Exception {
        openssl("req", "-x509", "-nodes", "-newkey", "rsa:2048", "-keyout", "rsa_private.pem", "-out", "rsa_cert.pem",
                "-subj", "/CN=dev");
        openssl("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", "ec_private.pem");
        openssl("req", "-x509", "-new", "-key", "ec_private.pem", "-out", "ec_cert.pem", "-subj", "/CN=dev");
        keys = Files.createDirectories(work.resolve("devices"));
        Files.copy(work.resolve("rsa_cert.pem"), keys.resolve("dev-rsa.pem"));
        Files.copy(work.resolve("ec_cert.pem"), keys.resolve("dev-ec.pem"));
        engine = new CredentialsEngine(CredentialsSettings.defaults(keys), Clock.systemUTC(), new AuthCounters());
    }

    @Test
    void javaExampleTokensAreAccepted() throws Exception {
        for (String[] c : new String[][] { { "dev-rsa", "rsa_private.pem", "RS256" },
                { "dev-ec", "ec_private.pem", "ES256" } }) {
            Instant now = Instant.now();
            String token = Jwts.builder().issuedAt(Date.from(now)).expiration(Date.from(now.plus(Duration.ofMinutes(60))))
                    .audience().single("https://akenza.io/devices/" + c[0]).subject(c[0])
                    .signWith(privateKey(c[1]), (SignatureAlgorithm) Jwts.SIG.get().get(c[2]))
                    .compact();
            assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.jwt(c[0], token)), c[0]);
        }
    }

    @Test
    void tokensSignedByOpensslItselfAreAccepted() throws Exception {
        assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.jwt("dev-rsa", opensslToken("dev-rsa",
                "rsa_private.pem", "RS256", null))));
        assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.jwt("dev-ec", opensslToken("dev-ec",
                "ec_private.pem", "ES256", null))));
    }

    @Test
    void kidComputedWithOpensslSelectsTheKey() throws Exception {
        openssl("x509", "-in", "ec_cert.pem", "-pubkey", "-noout", "-out", "ec_pub.pem");
        openssl("pkey", "-pubin", "-in", "ec_pub.pem", "-outform", "DER", "-out", "ec_pub.der");
        String dgst = openssl("dgst", "-sha256", "-r", "ec_pub.der");
        String kid = dgst.substring(0, 64);
        assertEquals(kid, new KeyRegistry(keys).keysOf("dev-ec").orElseThrow().active().get(0).kid());
        assertInstanceOf(AuthResult.Accepted.class,
                engine.decide(Requests.jwt("dev-ec", opensslToken("dev-ec", "ec_private.pem", "ES256", kid))));
    }

    @Test
    void pythonExampleTokensAreAccepted() throws Exception {
        // The first python3 on the PATH may be a private one (pyenv) without the distribution's packages.
        String python = null;
        for (String candidate : new String[] { "python3", "/usr/bin/python3" }) {
            if (python == null && run(List.of(candidate, "-c", "import jwt, cryptography")).exit == 0) {
                python = candidate;
            }
        }
        assumeTrue(python != null,
                "python3-jwt (PyJWT) with python3-cryptography is not installed: skipping the PyJWT case");
        String script = "import datetime, sys, jwt\n"
                + "now = datetime.datetime.now(tz=datetime.timezone.utc)\n"
                + "token = {'iat': now, 'exp': now + datetime.timedelta(minutes=20),"
                + " 'aud': 'https://akenza.io/devices/' + sys.argv[2]}\n"
                + "key = open(sys.argv[1], 'r').read()\n"
                + "t = jwt.encode(token, key, algorithm=sys.argv[3])\n"
                + "print(t.decode() if isinstance(t, bytes) else t)\n";
        for (String[] c : new String[][] { { "dev-rsa", "rsa_private.pem", "RS256" },
                { "dev-ec", "ec_private.pem", "ES256" } }) {
            Result r = run(List.of(python, "-c", script, work.resolve(c[1]).toString(), c[0], c[2]));
            assertEquals(0, r.exit, r.output);
            assertInstanceOf(AuthResult.Accepted.class, engine.decide(Requests.jwt(c[0], r.output.trim())), c[0]);
        }
    }

    /** Signs header.payload with {@code openssl dgst}; ECDSA's DER signature becomes JOSE's r||s. */
    private static String opensslToken(String deviceId, String keyFile, String alg, String kid) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"" + (kid == null ? "" : ",\"kid\":\"" + kid + "\"")
                + "}";
        String payload = "{\"iat\":" + now + ",\"exp\":" + (now + 36000) + ",\"aud\":\"https://akenza.io/devices/"
                + deviceId + "\",\"sub\":\"" + deviceId + "\"}";
        String input = Tokens.b64(header) + "." + Tokens.b64(payload);
        Path in = Files.writeString(work.resolve("input-" + alg + ".txt"), input);
        Path sig = work.resolve("sig-" + alg + ".bin");
        openssl("dgst", "-sha256", "-sign", keyFile, "-out", sig.toString(), in.toString());
        byte[] signature = Files.readAllBytes(sig);
        if (alg.equals("ES256")) {
            ASN1Sequence seq = ASN1Sequence.getInstance(signature);
            signature = new byte[64];
            fixed(ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(), signature, 0);
            fixed(ASN1Integer.getInstance(seq.getObjectAt(1)).getValue(), signature, 32);
        }
        return input + "." + Tokens.b64(signature);
    }

    private static void fixed(BigInteger value, byte[] into, int offset) {
        byte[] bytes = value.toByteArray();
        int start = Math.max(0, bytes.length - 32);
        int length = bytes.length - start;
        System.arraycopy(bytes, start, into, offset + 32 - length, length);
    }

    private static PrivateKey privateKey(String file) throws IOException {
        try (Reader r = Files.newBufferedReader(work.resolve(file)); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return o instanceof PEMKeyPair pair ? converter.getKeyPair(pair).getPrivate()
                    : converter.getPrivateKey((PrivateKeyInfo) o);
        }
    }

    private record Result(int exit, String output) {
    }

    private static String openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(Arrays.asList(args));
        Result r = run(command);
        assertEquals(0, r.exit, String.join(" ", command) + ": " + r.output);
        return r.output;
    }

    private static Result run(List<String> command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, e.toString());
        }
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-2, "timed out");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
