-- Fietsen Noord's customer database (testsupport/CrmDatabase): the person Jan de Vries in three tables
-- (two customer records under one address in different case, his purchases, his newsletter subscription),
-- and other people beside him: a namesake with another address, and customers who share nothing with him.
-- Run again by CrmDatabase.reset(): it starts from nothing each time.
DROP TABLE IF EXISTS newsletter_subscription, purchase, customer CASCADE;

CREATE TABLE customer (
    id          integer PRIMARY KEY,
    name        text    NOT NULL,
    email       text,
    phone       text,
    city        text,
    created_on  date    NOT NULL,
    restricted  boolean NOT NULL DEFAULT false,
    erased      boolean NOT NULL DEFAULT false
);
CREATE INDEX customer_email ON customer (lower(email));

CREATE TABLE purchase (
    id          integer PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customer (id),
    ordered_on  date    NOT NULL,
    item        text    NOT NULL,
    amount      numeric(10, 2) NOT NULL
);

CREATE TABLE newsletter_subscription (
    id            integer PRIMARY KEY,
    customer_id   integer NOT NULL UNIQUE REFERENCES customer (id),
    subscribed_at timestamp NOT NULL
);

INSERT INTO customer (id, name, email, phone, city, created_on) VALUES
    (1, 'Jan de Vries',  'jan.devries@example.nl', '+31 6 1234 5678', 'Groningen', '2023-04-02'),
    (2, 'Anna Bakker',   'anna.bakker@example.nl', '+31 6 2222 3333', 'Utrecht',   '2022-11-15'),
    (3, 'J. de Vries',   'Jan.DeVries@Example.NL', NULL,              'Assen',     '2024-08-19'),
    (4, 'Jan de Vries',  'jan.vries@example.com',  '+45 20 11 22 33', 'Aarhus',    '2024-01-07'),
    (5, 'Piet Jansen',   'piet@example.nl',        NULL,              'Zwolle',    '2021-06-30');

INSERT INTO purchase (id, customer_id, ordered_on, item, amount) VALUES
    (101, 1, '2024-03-10', 'Gazelle city bike',  899.00),
    (102, 1, '2025-01-05', 'Rear light',          24.95),
    (103, 2, '2024-05-21', 'Cargo bike',        2450.00),
    (104, 3, '2024-08-19', 'Bicycle lock',        39.50),
    (105, 4, '2024-01-07', 'Child seat',         119.00);

INSERT INTO newsletter_subscription (id, customer_id, subscribed_at) VALUES
    (201, 1, '2024-03-10 12:30:00'),
    (202, 2, '2022-11-15 09:00:00'),
    (203, 5, '2021-06-30 17:45:00');
