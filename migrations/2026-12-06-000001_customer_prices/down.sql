DELETE FROM customer_history WHERE entity = 'prices';
ALTER TABLE customer_history DROP CONSTRAINT customer_history_entity_check,
    ADD CONSTRAINT customer_history_entity_check CHECK (entity IN
        ('customer', 'address', 'contact', 'note', 'watch', 'merge', 'request', 'relationship',
         'catalog', 'product', 'stock_location', 'user', 'posting'));
DROP TABLE customer_price_files;
DROP TABLE customer_prices;
