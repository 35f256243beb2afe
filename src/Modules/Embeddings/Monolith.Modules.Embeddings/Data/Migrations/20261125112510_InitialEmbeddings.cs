using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Monolith.Modules.Embeddings.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialEmbeddings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The module owns its schema from day one, before it has tables.
            migrationBuilder.EnsureSchema(name: "embeddings");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
