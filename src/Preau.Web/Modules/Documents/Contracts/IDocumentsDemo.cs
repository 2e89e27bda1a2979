namespace Preau.Web.Modules.Documents.Contracts;

/// <summary>For the demo seeder: a folder with a document in a class space.</summary>
public interface IDocumentsDemo
{
    Task SeedClassDocumentsAsync(Guid classId, Guid teacherId, CancellationToken ct = default);
}
