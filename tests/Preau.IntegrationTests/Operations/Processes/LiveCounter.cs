using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Preau.IntegrationTests.Operations.Processes;

/// <summary>
/// The header's live unread counter as a page keeps it: a WebSocket to /hubs/notifications speaking SignalR's JSON
/// protocol (handshake, then "unread" invocations; records end with 0x1E). Connects straight over WebSockets, without
/// negotiation, so the connection stays on the one instance it was opened to.
/// </summary>
internal sealed class LiveCounter : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly StringBuilder _pending = new();

    public static async Task<LiveCounter> ConnectAsync(Uri instance, CookieContainer cookies, CancellationToken ct)
    {
        var counter = new LiveCounter();
        counter._socket.Options.Cookies = cookies;
        var uri = new UriBuilder(instance) { Scheme = "ws", Path = "/hubs/notifications" }.Uri;
        await counter._socket.ConnectAsync(uri, ct);
        await counter.SendAsync("{\"protocol\":\"json\",\"version\":1}", ct);
        var handshake = await counter.ReceiveRecordAsync(ct);
        Assert.DoesNotContain("error", handshake, StringComparison.OrdinalIgnoreCase);
        return counter;
    }

    /// <summary>The next unread count pushed by the server (the first one is sent on connection).</summary>
    public async Task<int> NextUnreadAsync(CancellationToken ct)
    {
        while (true)
        {
            using var record = JsonDocument.Parse(await ReceiveRecordAsync(ct));
            var root = record.RootElement;
            if (root.TryGetProperty("type", out var type) && type.GetInt32() == 1
                && root.GetProperty("target").GetString() == "unread")
            {
                return root.GetProperty("arguments")[0].GetInt32();
            }
            // Pings (type 6) and anything else: keep reading.
        }
    }

    /// <summary>Reads pushes until one shows at least <paramref name="atLeast"/>.</summary>
    public async Task<int> WaitForUnreadAsync(int atLeast, CancellationToken ct)
    {
        while (true)
        {
            var count = await NextUnreadAsync(ct);
            if (count >= atLeast)
            {
                return count;
            }
        }
    }

    private Task SendAsync(string json, CancellationToken ct) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, true, ct);

    private async Task<string> ReceiveRecordAsync(CancellationToken ct)
    {
        var buffer = new byte[8192];
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf(Separator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return text[..end];
            }
            var result = await _socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The hub closed the connection.");
            }
            _pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The instance may be gone.
        }
        _socket.Dispose();
    }
}
