/**
 * What the privacy review asks of the requester before answering: a question about an unclear
 * request (clarification) and an Art. 12(5) fee. What was asked or charged lives in dsr-flow's
 * tables; the engine carries their ids and dates.
 */
package org.dsrflow.review;
