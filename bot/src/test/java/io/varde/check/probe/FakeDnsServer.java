package io.varde.check.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A tiny authoritative DNS server on a 127.0.0.1 UDP port, speaking the real wire format through
 * dnsjava's {@link Message}: answers A queries from a fixed table and NXDOMAIN for any other
 * name. A silent instance receives queries and never answers. Records the address each query
 * came from.
 */
final class FakeDnsServer implements AutoCloseable {

    /** The source address of every query received, in order. */
    final List<String> clients = new CopyOnWriteArrayList<>();
    private final DatagramSocket socket;
    private final Map<String, String[]> addresses;
    private final boolean silent;
    private final Thread thread;

    private FakeDnsServer(Map<String, String[]> addresses, boolean silent) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        this.addresses = addresses;
        this.silent = silent;
        thread = new Thread(this::serve, "fake-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** Answers {@code name -> addresses} (names absolute, e.g. {@code www.example.test.}). */
    static FakeDnsServer answering(Map<String, String[]> addresses) {
        return new FakeDnsServer(addresses, false);
    }

    static FakeDnsServer silent() {
        return new FakeDnsServer(Map.of(), true);
    }

    /** The address in DnsSpec's {@code host:port} form. */
    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                clients.add(packet.getAddress().getHostAddress());
                if (silent) {
                    continue;
                }
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(),
                        packet.getLength()));
                byte[] answer = answer(query).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private Message answer(Message query) throws IOException {
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        String[] ips = addresses.get(question.getName().toString());
        if (ips == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else if (question.getType() == Type.A) {
            Name name = question.getName();
            for (String ip : ips) {
                response.addRecord(new ARecord(name, DClass.IN, 60, InetAddress.getByName(ip)),
                        Section.ANSWER);
            }
        }
        return response;
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
