using System.Diagnostics.Metrics;

namespace Preau.Web.Platform.Telemetry;

/// <summary>
/// The platform's own instruments (exported as <c>preau_*</c> when Preau:Metrics:Enabled). Static so that the data
/// layer and the sign-in can record without new constructor dependencies; recording with no listener costs nothing.
/// </summary>
public static class PreauMeter
{
    public const string Name = "Preau";

    private static readonly Meter Meter = new(Name);

    /// <summary>Database commands executed (every request and background job).</summary>
    public static readonly Counter<long> DbCommands = Meter.CreateCounter<long>("preau.db.commands", "{command}", "Database commands executed");

    /// <summary>Time the database took per command.</summary>
    public static readonly Histogram<double> DbDuration = Meter.CreateHistogram<double>("preau.db.duration", "s", "Time spent in database commands");

    /// <summary>Sign-in attempts by result (the login audit outcome: Success, BadCredentials, LockedOut…); never the login typed.</summary>
    public static readonly Counter<long> Logins = Meter.CreateCounter<long>("preau.logins", "{attempt}", "Sign-in attempts by result");

    /// <summary>Requests waiting for their turn (RequestAdmission): above zero for long, the instance needs help.</summary>
    public static readonly UpDownCounter<long> QueuedRequests = Meter.CreateUpDownCounter<long>("preau.http.queued", "{request}", "Requests waiting to be worked on");

    /// <summary>The home page's « new » counts: remembered (no statement) or counted again (ADR 0040).</summary>
    public static readonly Counter<long> HomeNewCounts = Meter.CreateCounter<long>("preau.home.new_counts", "{count}", "Home page new-item counts, remembered or counted");

    /// <summary>The home page's other statements (liaison counts, work due, coming events): remembered or run (ADR 0041).</summary>
    public static readonly Counter<long> HomeRemembered = Meter.CreateCounter<long>("preau.home.remembered", "{result}", "Home page statement results, remembered or run");
}
