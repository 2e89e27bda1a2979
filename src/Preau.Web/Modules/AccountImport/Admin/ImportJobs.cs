using System.Collections.Concurrent;
using Preau.Web.Modules.AccountImport.Onde;

namespace Preau.Web.Modules.AccountImport.Admin;

/// <summary>One school's result inside a territory import.</summary>
public sealed record SchoolImportResult(string Uai, string School, ImportReport? Report, string? Failure);

/// <summary>A territory import running in the background, one transaction per school; its page shows the progress.</summary>
public sealed class ImportJob(Guid id, Guid ownerId, int total)
{
    public Guid Id { get; } = id;
    public Guid OwnerId { get; } = ownerId;
    public int Total { get; } = total;
    public ConcurrentQueue<SchoolImportResult> Results { get; } = new();
    public int Done => Results.Count;
    public bool Finished { get; set; }
    /// <summary>Completes when every school has been handled (tests and shutdown wait on it).</summary>
    public Task Completion { get; internal set; } = Task.CompletedTask;
}

/// <summary>
/// Runs territory imports outside the request so that the administrator sees a progress bar. Jobs live in
/// memory: a restart ends a job, and the page then says which schools were applied (each one is whole).
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, ILogger<ImportJobs> logger)
{
    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();

    public ImportJob? Find(Guid id, Guid ownerId) => _jobs.TryGetValue(id, out var job) && job.OwnerId == ownerId ? job : null;

    public ImportJob Start(Guid ownerId, IReadOnlyList<(Guid SchoolId, string Uai, string Name, byte[] Pupils, byte[] Guardians)> schools)
    {
        var job = new ImportJob(Guid.NewGuid(), ownerId, schools.Count);
        _jobs[job.Id] = job;
        job.Completion = Task.Run(async () =>
        {
            foreach (var s in schools)
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    var import = scope.ServiceProvider.GetRequiredService<OndeImport>();
                    var report = await import.RunAsync(s.SchoolId, new MemoryStream(s.Pupils), new MemoryStream(s.Guardians), apply: true, ownerId);
                    job.Results.Enqueue(new SchoolImportResult(s.Uai, s.Name, report, report.Unusable ? "fichiers inutilisables : rien n'a été enregistré" : null));
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Territory import failed for school {SchoolId}", s.SchoolId);
                    job.Results.Enqueue(new SchoolImportResult(s.Uai, s.Name, null, "échec de l'enregistrement : rien n'a été enregistré pour cette école"));
                }
            }
            job.Finished = true;
        });
        return job;
    }
}
