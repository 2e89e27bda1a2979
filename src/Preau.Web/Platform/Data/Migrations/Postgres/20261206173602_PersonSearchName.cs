using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PersonSearchName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchName",
                table: "people_persons",
                type: "text",
                nullable: false,
                computedColumnSql: "replace(replace(replace(replace(translate(upper(\"FirstName\" || ' ' || \"LastName\" || ' ' || \"FirstName\"), 'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŸàáâãäåçèéêëìíîïñòóôõöøùúûüýÿ', 'AAAAAACEEEEIIIINOOOOOOUUUUYYAAAAAACEEEEIIIINOOOOOOUUUUYY'), 'Œ', 'OE'), 'œ', 'OE'), 'Æ', 'AE'), 'æ', 'AE')",
                stored: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchName",
                table: "people_persons");
        }
    }
}
