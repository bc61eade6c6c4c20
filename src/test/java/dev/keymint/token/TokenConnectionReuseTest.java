package dev.keymint.token;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that keeps its connection open gets many tokens over it: the server does not close
 * it after Tomcat's default of 100 requests, which would cost a new TCP connection every 100
 * tokens (docs/architecture.md, "Performance").
 */
class TokenConnectionReuseTest extends KeymintHttpTest {

    @Test
    void oneConnectionServesWellOverAHundredTokenRequests() throws IOException {
        Key key = keys.newKey(List.of("roles:read"));
        byte[] body = "grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII);
        byte[] request = ("POST /oauth2/token HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Authorization: " + Http.basic(key.clientId(), key.secret()) + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 1; i <= 150; i++) {
                out.write(request);
                out.write(body);
                out.flush();
                String head = readHead(in);
                assertThat(head).as("response %d", i).startsWith("HTTP/1.1 200");
                assertThat(head.toLowerCase(Locale.ROOT)).as("response %d", i).doesNotContain("connection: close");
                in.readNBytes(contentLength(head));
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the server closed the connection").isNotNegative();
            head.append((char) b);
        }
        return head.toString();
    }

    private static int contentLength(String head) {
        return head.lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Content-Length in " + head));
    }
}
