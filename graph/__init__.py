"""The innovation-ecosystem graph: data model, stores (local SQLite and Neo4j) and analytics."""
