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
}

public interface IMailSender
{
    Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default);
}

internal sealed class MailSender(MailOptions options, IConfiguration configuration, IHostEnvironment environment, ILogger<MailSender> logger) : IMailSender
{
    public async Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = textBody };

        if (string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            var dir = options.PickupDirectory ?? Path.Combine(DataPaths.Root(configuration, environment), "mail");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml");
            await message.WriteToAsync(file, ct);
            logger.LogInformation("Mail {MessageId} written to the pickup directory", message.MessageId);
            return;
        }

        using var client = new SmtpClient();
        await client.ConnectAsync(options.SmtpHost, options.SmtpPort, options.SmtpStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(options.SmtpUser))
        {
            await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", ct);
        }
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
        logger.LogInformation("Mail {MessageId} sent over SMTP", message.MessageId);
    }
}
