namespace Preau.Web.Modules.Albums.Contracts;

/// <summary>For the demo seeder: a small album with generated pictures in a class.</summary>
public interface IAlbumsDemo
{
    Task SeedClassAlbumAsync(Guid classId, Guid teacherId, CancellationToken ct = default);
}
