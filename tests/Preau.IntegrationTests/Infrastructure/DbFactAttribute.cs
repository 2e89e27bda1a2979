using System.Runtime.CompilerServices;

namespace Preau.IntegrationTests.Infrastructure;

/// <summary>
/// A test that needs the database. In the Postgres twin project it is skipped when PREAU_TEST_POSTGRES is
/// not set (CI sets it, so it never skips there).
/// </summary>
public sealed class DbFactAttribute : FactAttribute
{
    public DbFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
#if POSTGRES
        if (string.IsNullOrEmpty(TestDatabase.PostgresServer))
        {
            Skip = "PREAU_TEST_POSTGRES is not set: the PostgreSQL run of this suite is skipped.";
        }
#endif
    }
}

public sealed class DbTheoryAttribute : TheoryAttribute
{
    public DbTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
#if POSTGRES
        if (string.IsNullOrEmpty(TestDatabase.PostgresServer))
        {
            Skip = "PREAU_TEST_POSTGRES is not set: the PostgreSQL run of this suite is skipped.";
        }
#endif
    }
}
