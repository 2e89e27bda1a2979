using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Preau.Web.Platform.Data;

namespace Preau.Web.Platform.Mail;

public sealed class MailOptions
{
    public string From { get; set; } = "Préau <ne-pas-repondre@preau.localhost>";
    /// <summary>When empty, mails are written as .eml files under data/mail so the embedded default needs no server.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 25;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    public bool SmtpStartTls { get; set; }
    public string? PickupDirectory { get; set; }
    /// <summary>
    /// How long one SMTP step (connecting, each command) may take. MailKit's own default is two minutes, which a relay
    /// that stopped answering would make every sender wait, the password-reset page included.
    /// </summary>
    public int TimeoutSeconds { get; set; } = 15;
}

public interface IMailSender
{
    Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default);

    /// <summary>
    /// For many mails in a row (the notification dispatcher's batches): SMTP keeps one connection for them instead of
    /// one each. Dispose it when the batch is done. By default, mails go one by one through <see cref="SendAsync"/>.
    /// </summary>
    IMailBatch StartBatch() => new OneByOne(this);

    private sealed class OneByOne(IMailSender sender) : IMailBatch
    {
        public Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default) => sender.SendAsync(to, subject, textBody, ct);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

public interface IMailBatch : IAsyncDisposable
{
    Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default);
}

internal sealed class MailSender(MailOptions options, IConfiguration configuration, IHostEnvironment environment, ILogger<MailSender> logger) : IMailSender
{
    /// <summary>Relays often refuse more messages on one connection than about this; the batch opens a new one then.</summary>
    internal const int MessagesPerConnection = 100;

    public async Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default)
    {
        await using var batch = StartBatch();
        await batch.SendAsync(to, subject, textBody, ct);
    }

    public IMailBatch StartBatch() => new Batch(this);

    private MailOptions Options => options;

    private ILogger Logger => logger;

    private async Task WriteToPickupDirectoryAsync(MimeMessage message, CancellationToken ct)
    {
        var dir = options.PickupDirectory ?? Path.Combine(DataPaths.Root(configuration, environment), "mail");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml");
        await message.WriteToAsync(file, ct);
        logger.LogInformation("Mail {MessageId} written to the pickup directory", message.MessageId);
    }

    private MimeMessage Compose(string to, string subject, string textBody)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = textBody };
        return message;
    }

    /// <summary>One SMTP connection, opened at the first mail, for up to <see cref="MessagesPerConnection"/> mails.</summary>
    private sealed class Batch(MailSender sender) : IMailBatch
    {
        private SmtpClient? _client;
        private int _sent;

        public async Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default)
        {
            var options = sender.Options;
            var message = sender.Compose(to, subject, textBody);
            if (string.IsNullOrWhiteSpace(options.SmtpHost))
            {
                await sender.WriteToPickupDirectoryAsync(message, ct);
                return;
            }
            if (_client is not null && (_sent >= MessagesPerConnection || !_client.IsConnected))
            {
                await CloseAsync(ct);
            }
            try
            {
                if (_client is null)
                {
                    _client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)).TotalMilliseconds };
                    await _client.ConnectAsync(options.SmtpHost, options.SmtpPort, options.SmtpStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
                    if (!string.IsNullOrEmpty(options.SmtpUser))
                    {
                        await _client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", ct);
                    }
                }
                await _client.SendAsync(message, ct);
                _sent++;
            }
            catch
            {
                // A connection in an unknown state is not used again: the next mail opens a fresh one.
                _client?.Dispose();
                _client = null;
                _sent = 0;
                throw;
            }
            sender.Logger.LogInformation("Mail {MessageId} sent over SMTP", message.MessageId);
        }

        private async Task CloseAsync(CancellationToken ct)
        {
            var client = _client!;
            _client = null;
            _sent = 0;
            try
            {
                await client.DisconnectAsync(true, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The mails were accepted; a failed goodbye loses nothing.
                sender.Logger.LogDebug("SMTP disconnect failed ({Error})", e.GetType().Name);
            }
            finally
            {
                client.Dispose();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is not null)
            {
                await CloseAsync(CancellationToken.None);
            }
        }
    }
}
