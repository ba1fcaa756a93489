package innograph;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * An in-process Neo4j for the tests: Bolt on a loopback port, auth on with the password given
 * as the first argument. Prints {@code bolt://127.0.0.1:PORT} on stdout once it accepts
 * connections, and stops when its standard input closes (its parent went away).
 *
 * <p>{@code NeoLauncher PASSWORD}: the test harness in a fresh temporary folder, on a free port.
 * {@code NeoLauncher PASSWORD HOME PORT}: the community engine with its data in HOME, so that
 * a later start with the same HOME and PORT finds the same database (the restart tests).
 */
public final class NeoLauncher {
    private NeoLauncher() {}

    public static void main(String[] args) throws Exception {
        String password = args.length > 0 ? args[0] : "innograph-test";
        int port = args.length > 2 ? Integer.parseInt(args[2]) : freePort();
        SocketAddress bolt = new SocketAddress("127.0.0.1", port);
        DatabaseManagementService dbms;
        if (args.length > 2) {
            DatabaseManagementService engine = new DatabaseManagementServiceBuilder(Path.of(args[1]))
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, bolt)
                    .setConfig(BoltConnector.advertised_address, bolt)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(engine::shutdown));
            dbms = engine;
        } else {
            Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(Files.createTempDirectory("innograph-neo4j"))
                    .withDisabledServer()
                    .withConfig(BoltConnector.enabled, true)
                    .withConfig(BoltConnector.listen_address, bolt)
                    .withConfig(BoltConnector.advertised_address, bolt)
                    .withConfig(GraphDatabaseSettings.auth_enabled, true)
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(neo4j::close));
            dbms = neo4j.databaseManagementService();
        }
        dbms.database("system").executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));
        System.out.println("bolt://127.0.0.1:" + port);
        System.out.flush();
        waitForParent(System.in);
        System.exit(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Returns when stdin reaches end of file: the pipe from the parent closed. */
    private static void waitForParent(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // lines on stdin are ignored; only the end of the stream matters
        }
    }
}
