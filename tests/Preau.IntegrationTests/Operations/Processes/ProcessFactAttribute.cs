using System.Runtime.CompilerServices;
using Preau.IntegrationTests.Infrastructure;

namespace Preau.IntegrationTests.Operations.Processes;

/// <summary>
/// A test that starts real processes (app instances, Redis, nginx, a PostgreSQL cluster) on PostgreSQL: it runs in the
/// PostgreSQL project when PREAU_TEST_MULTI=1, which .ci/run sets after installing nginx and redis-server; there, a
/// missing server or tool fails the test instead of skipping it.
/// </summary>
public sealed class ProcessFactAttribute : FactAttribute
{
    public const string Variable = "PREAU_TEST_MULTI";

    public ProcessFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
#if POSTGRES
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"{Variable} is not set: the multi-process tests are skipped (.ci/run sets it).";
        }
#else
        Skip = $"Runs in the PostgreSQL project (Preau.IntegrationTests.Postgres) with {Variable}=1.";
#endif
    }

    /// <summary>Fails (never skips) when what the test needs is missing: CI must not pass by leaving it out.</summary>
    public static void RequireTools(params string[] tools)
    {
        Assert.False(string.IsNullOrEmpty(TestDatabase.PostgresServer), $"{Variable}=1 needs PREAU_TEST_POSTGRES (the PostgreSQL server).");
        foreach (var tool in tools)
        {
            Assert.True(Topology.FindTool(tool) is not null, $"{Variable}=1 needs '{tool}' (Debian package; .ci/run installs it).");
        }
    }
}

/// <summary>The process tests run alone: they time failovers and kill processes, and the machine has few cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "Processes";
}
