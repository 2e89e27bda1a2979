namespace Preau.Web.Modules.Notifications;

/// <summary>Section "Preau:Notifications".</summary>
public sealed class NotificationOptions
{
    /// <summary>The background loop; tests turn it off and run <see cref="NotificationDispatcher.DispatchOnceAsync"/> themselves.</summary>
    public bool DispatcherEnabled { get; set; } = true;
    public int PollSeconds { get; set; } = 30;
    public int BatchSize { get; set; } = 200;
    /// <summary>
    /// Batches worked through at once, each over its own SMTP connection. A relay answers a connection at its own pace (tens
    /// of milliseconds a mail over a network): one at a time, a territory-wide item's 24,000 mails would hold every other
    /// notification's mail behind them for many minutes. Relays accept several connections from one client.
    /// </summary>
    public int Senders { get; set; } = 4;
    /// <summary>Longer than an SMTP timeout, so a live dispatcher never loses its lease mid-batch.</summary>
    public int LeaseSeconds { get; set; } = 300;
    /// <summary>Hour (Europe/Paris) from which the daily digest of the day is sent.</summary>
    public int DigestHour { get; set; } = 18;
}
