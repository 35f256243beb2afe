using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Monolith.Modules.Search.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The module owns its schema from day one, before it has tables.
            migrationBuilder.EnsureSchema(name: "search");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
