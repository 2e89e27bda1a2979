namespace Preau.Web.Modules.UsageStats.Contracts;

/// <summary>
/// Records one use of the platform for the usage statistics. Never blocks and never fails the caller: the use is
/// queued and written in batches off the request path (a full queue drops it and counts the drop).
/// </summary>
public interface IUsageRecorder
{
    void Record(Guid personId, string service, string action);
}
