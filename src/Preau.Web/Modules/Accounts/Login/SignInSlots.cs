using System.Net;
using System.Threading.RateLimiting;

namespace Preau.Web.Modules.Accounts.Login;

/// <summary>
/// How many sign-ins of one client address have their password checked at once (<c>Preau:Security:SignInsAtOncePerAddress</c>,
/// as many again waiting their turn, oldest first). Without it a burst of wrong passwords from one address would all be
/// hashed before the first failures were written (ADR 0030). It lives in the sign-in page rather than in the rate-limiting
/// middleware so that a sign-in turned away for being one too many comes back as the form, with the identifier typed
/// and a message saying to click again, instead of a bare error page (ADR 0033).
/// </summary>
public sealed class SignInSlots : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SignInSlots(int atOncePerAddress)
    {
        var permits = Math.Max(1, atOncePerAddress);
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetConcurrencyLimiter(address, _ =>
            new ConcurrencyLimiterOptions
            {
                PermitLimit = permits,
                // A waiting sign-in holds one of the requests admitted at once (ADR 0017): keep one address's share small,
                // so that a school's burst at nine o'clock does not hold every other page of the platform behind it.
                QueueLimit = 2 * permits,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }));
    }

    /// <summary>Seconds after which a sign-in turned away here may well pass: the queue ahead of it is a few password checks.</summary>
    internal const int RetryAfterSeconds = 2;

    internal const string Busy = "Beaucoup de personnes se connectent en même temps depuis votre réseau. Patientez quelques secondes, puis cliquez de nouveau sur « Se connecter ». Élèves : attends un peu et clique de nouveau.";

    /// <summary>A turn to check a password for this address; not acquired when too many are already waiting.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(IPAddress? address, CancellationToken ct) =>
        _limiter.AcquireAsync(Key(address), 1, ct);

    /// <summary>Sign-ins of this address waiting for their turn (tests wait on it to build a queue deterministically).</summary>
    internal long Waiting(IPAddress? address) => _limiter.GetStatistics(Key(address))?.CurrentQueuedCount ?? 0;

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";

    public void Dispose() => _limiter.Dispose();
}
