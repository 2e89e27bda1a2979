using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Preau.IntegrationTests.Infrastructure;

/// <summary>A real SMTP server on loopback that keeps what it receives, so tests check the mail a person would get.</summary>
internal sealed class SmtpSink(TimeSpan perMail = default) : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public int Port { get; } = FreePort();
    public IReadOnlyCollection<MimeMessage> Messages => _messages;

    /// <summary>SMTP sessions (connections) opened so far.</summary>
    public int Sessions => _sessions;

    private int _sessions;
    private int _open;
    private int _mostOpen;

    /// <summary>The most SMTP sessions open at the same moment.</summary>
    public int MostSessionsAtOnce => Volatile.Read(ref _mostOpen);

    public Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_messages, perMail));
        services.Add(new NoDelayListenerFactory());
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, _) =>
        {
            Interlocked.Increment(ref _sessions);
            var open = Interlocked.Increment(ref _open);
            int most;
            while (open > (most = Volatile.Read(ref _mostOpen)) && Interlocked.CompareExchange(ref _mostOpen, open, most) != most)
            {
                // Another session raised it meanwhile: compare again.
            }
        };
        server.SessionCompleted += (_, _) => Interlocked.Decrement(ref _open);
        server.SessionFaulted += (_, _) => Interlocked.Decrement(ref _open);
        server.SessionCancelled += (_, _) => Interlocked.Decrement(ref _open);
        _running = server.StartAsync(_stop.Token);
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
                // Stopping is what we asked for.
            }
        }
        _stop.Dispose();
    }

    /// <summary>Keeps each mail; with <c>perMail</c>, answers it as late as a relay across a network would.</summary>
    private sealed class Store(ConcurrentQueue<MimeMessage> messages, TimeSpan perMail) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (perMail > TimeSpan.Zero)
            {
                await Task.Delay(perMail, cancellationToken);
            }
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    /// <summary>
    /// The library's own listener leaves Nagle's algorithm on: each reply waited for the client's delayed acknowledgement,
    /// about 44 ms a mail (MailKit to a server without the delay: 1 ms). The same listener with <c>NoDelay</c>; no TLS.
    /// </summary>
    private sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new Listener(listener);
        }
    }

    private sealed class Listener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            context.Properties[EndpointListener.RemoteEndPointKey] = client.Client.RemoteEndPoint!;
            return new Connection(client);
        }

        public void Dispose() => listener.Stop();
    }

    private sealed class Connection(TcpClient client) : ISecurableDuplexPipe
    {
        private readonly NetworkStream _stream = client.GetStream();
        private PipeReader? _input;
        private PipeWriter? _output;

        public PipeReader Input => _input ??= PipeReader.Create(_stream);
        public PipeWriter Output => _output ??= PipeWriter.Create(_stream);
        public bool IsSecure => false;
        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The test server speaks plain SMTP on loopback.");

        public void Dispose() => client.Dispose();
    }
}
