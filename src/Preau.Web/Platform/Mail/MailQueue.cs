using System.Threading.Channels;

namespace Preau.Web.Platform.Mail;

/// <summary>
/// Mails that must leave at once but need not survive a restart, sent after the request by one background loop, in the
/// order given: the password-reset link (ADR 0031). A page that waited for the relay would hang with it, and the time it
/// took would tell whether the account exists; making the mail durable would store a live reset token. Lost in a crash,
/// the person simply asks again.
/// </summary>
public interface IMailQueue
{
    /// <returns>False when the queue is full (the relay has been down a long while): the mail is not sent.</returns>
    bool TryEnqueue(string to, string subject, string textBody, string purpose);
}

internal sealed class MailQueue(IMailSender sender, ILogger<MailQueue> logger) : BackgroundService, IMailQueue
{
    private readonly Channel<Mail> _mails = Channel.CreateBounded<Mail>(new BoundedChannelOptions(1000) { SingleReader = true });

    private sealed record Mail(string To, string Subject, string Body, string Purpose);

    public bool TryEnqueue(string to, string subject, string textBody, string purpose)
    {
        if (_mails.Writer.TryWrite(new Mail(to, subject, textBody, purpose)))
        {
            return true;
        }
        logger.LogWarning("Mail queue full: a {Purpose} mail was not sent", purpose);
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var mail in _mails.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await sender.SendAsync(mail.To, mail.Subject, mail.Body, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // No address in the log (personal data).
                logger.LogError("A {Purpose} mail could not be sent ({Error})", mail.Purpose, e.GetType().Name);
            }
        }
    }
}
